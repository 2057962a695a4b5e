import { connection } from 'next/server';
import { HealthStatus } from '../components/health-status';
import { graphqlEndpoints } from '../lib/gateway';

/** Placeholder home page until the full UI lands: what this is, where the API is, is it up. */
export default async function HomePage() {
  // Render per request so the links follow the runtime GATEWAY_URL, not the build machine's.
  await connection();
  const endpoints = graphqlEndpoints();

  return (
    <>
      <header className="site-header">
        <p className="site-name">Conversation Simulations</p>
      </header>
      <main className="content">
        <h1>Conversation Simulations</h1>
        <p className="lead">
          Define test cases, let simulated customers talk to your AI support agent, and review
          AI-scored transcripts before real customers do.
        </p>

        <section aria-labelledby="status-heading">
          <h2 id="status-heading">Platform status</h2>
          <HealthStatus />
        </section>

        <section aria-labelledby="api-heading">
          <h2 id="api-heading">GraphQL API</h2>
          <p>The full web interface is on its way. Until then, everything is available through the API:</p>
          <ul>
            <li>
              Queries and mutations: <a href={endpoints.http}>{endpoints.http}</a>
            </li>
            <li>
              Live run updates (subscriptions, graphql-ws): <code>{endpoints.ws}</code>
            </li>
          </ul>
        </section>
      </main>
      <footer className="site-footer">
        <p>Conversation Simulations: test AI customer-support agents by simulation.</p>
      </footer>
    </>
  );
}
