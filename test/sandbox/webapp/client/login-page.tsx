// Sign-in: pick a company, as the federal identity service (CSAM) would let a mandated user do.
import { useApp } from './app-context.ts';
import { formatCbe } from './header.tsx';

export function LoginPage({ returnTo }: { returnTo: string }) {
  const { config, words } = useApp();
  return (
    <main class="login" id="login">
      <section class="login-card">
        <h1>{words.loginTitle}</h1>
        <p>{words.loginIntro}</p>
        <ul class="company-list">
          {config.companies.map((c) => (
            <li>
              <a
                class="company-choice"
                data-company-cbe={c.enterpriseNumber}
                href={`/auth/authorize?${new URLSearchParams({ company: c.enterpriseNumber, return_to: returnTo })}`}
              >
                <span class="company-choice-name">{c.name}</span>
                <span class="company-choice-cbe">
                  {words.enterpriseNumber} {formatCbe(c.enterpriseNumber)}
                </span>
                <span class="company-choice-go">{words.loginAs} →</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
