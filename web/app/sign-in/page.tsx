import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <h1>Conversation Simulations</h1>
        <p className="lead">Test your AI support agent against simulated customers before real ones meet it.</p>
        <Suspense>
          <SignInForm />
        </Suspense>
      </div>
    </main>
  );
}
