import { redirect } from 'next/navigation';

/** The product starts at the Test Cases list (AI → Testing → Test Cases). */
export default function HomePage() {
  redirect('/test-cases');
}
