import type { Metadata } from 'next';
import { ChatWidgetsPage } from '../../../components/widgets/chat-widgets-page';

export const metadata: Metadata = { title: 'Chat Widgets' };

export default function Page() {
  return <ChatWidgetsPage />;
}
