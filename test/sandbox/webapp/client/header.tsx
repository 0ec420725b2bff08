// The top bar: product, the signed-in company with its CBE number, the language switch, sign-out.
import type { UiLang } from './config.ts';
import { useApp } from './app-context.ts';
import { navigate } from './router.ts';
import { session, signOut } from './session.ts';

const LANGS: readonly UiLang[] = ['fr', 'nl', 'de'];

export function formatCbe(cbe: string): string {
  return `${cbe.slice(0, 4)}.${cbe.slice(4, 7)}.${cbe.slice(7)}`;
}

export function Header() {
  const { config, lang, setLang, words } = useApp();
  const s = session();
  const company = config.companies.find((c) => c.enterpriseNumber === s?.enterpriseNumber);
  return (
    <header class="app-header">
      <a class="brand" href="/inbox">
        <span class="brand-mark" aria-hidden="true">e</span>
        <span class="brand-name">{words.product}</span>
      </a>
      {company && (
        <div class="company" data-company-cbe={company.enterpriseNumber}>
          <span class="company-name">{company.name}</span>
          <span class="company-cbe">{words.enterpriseNumber} {formatCbe(company.enterpriseNumber)}</span>
        </div>
      )}
      <nav class="lang-switch" aria-label="Langue / Taal / Sprache">
        {LANGS.map((l) => (
          <button type="button" data-lang={l} aria-pressed={l === lang} onClick={() => setLang(l)}>
            {l.toUpperCase()}
          </button>
        ))}
      </nav>
      {s && (
        <button
          type="button"
          class="logout"
          onClick={() => {
            signOut();
            navigate('/login', true);
          }}
        >
          {words.logout}
        </button>
      )}
    </header>
  );
}
