// The single-page app: routes, sign-in hand-off, language.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AppContext } from './app-context.ts';
import type { UiLang, WebAppConfig } from './config.ts';
import { Header } from './header.tsx';
import { WORDS } from './i18n.ts';
import { InboxPage } from './inbox-page.tsx';
import { rememberInbox } from './last-inbox.ts';
import { LoginPage } from './login-page.tsx';
import { MessagePage } from './message-page.tsx';
import { registryClient } from './registry-client.ts';
import { currentPath, inboxHref, navigate, useRoute } from './router.ts';
import { session, signIn, signOut } from './session.ts';

const LANG_KEY = 'ebox.lang';

/** Takes the token from the sign-in redirect's fragment, then removes it from the address bar and history. */
function completeSignIn(): string {
  const f = new URLSearchParams(location.hash.slice(1));
  const token = f.get('access_token');
  const company = f.get('company');
  if (token && company) signIn({ token, enterpriseNumber: company });
  const returnTo = f.get('return_to') ?? '/inbox';
  return returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/inbox';
}

export function App({ config }: { config: WebAppConfig }) {
  const route = useRoute();
  const client = useMemo(
    () =>
      registryClient(config, () => {
        // Several calls in flight may be refused: the first one signs out, the others find it done.
        if (!session()) return;
        signOut();
        navigate(`/login?${new URLSearchParams({ return_to: currentPath() })}`, true);
      }),
    [config],
  );
  const providerClient = useMemo(() => (config.secondProvider ? registryClient({ ...config, apiBase: config.secondProvider }, () => undefined) : undefined), [config]);
  const [lang, setLangState] = useState<UiLang>(() => (localStorage.getItem(LANG_KEY) as UiLang | null) ?? 'fr');
  const setLang = (l: UiLang) => {
    localStorage.setItem(LANG_KEY, l);
    document.documentElement.lang = l;
    setLangState(l);
  };
  const signedIn = !!session();

  useEffect(() => {
    if (route.name === 'callback') {
      const target = completeSignIn();
      const company = config.companies.find((c) => c.enterpriseNumber === session()?.enterpriseNumber);
      if (company && !localStorage.getItem(LANG_KEY)) setLang(company.language);
      navigate(session() ? target : '/login', true);
    } else if (!signedIn && route.name !== 'login') {
      navigate(`/login?${new URLSearchParams({ return_to: currentPath() })}`, true);
    }
  }, [route, signedIn]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    if (route.name === 'inbox') rememberInbox(inboxHref(route.query));
    document.title = route.name === 'login' ? WORDS[lang].loginTitle : WORDS[lang].product;
  }, [route, lang]);

  let page;
  if (route.name === 'login') page = <LoginPage returnTo={route.returnTo} />;
  else if (!signedIn) page = null;
  else if (route.name === 'inbox') page = <InboxPage query={route.query} />;
  else if (route.name === 'message') page = <MessagePage key={route.messageId} messageId={route.messageId} />;
  else page = null;

  return (
    <AppContext.Provider value={{ config, client, ...(providerClient ? { providerClient } : {}), lang, words: WORDS[lang], setLang }}>
      <div class={`app route-${route.name}`}>
        <Header />
        {page}
      </div>
    </AppContext.Provider>
  );
}
