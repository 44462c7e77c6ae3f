import { useEffect, useState } from 'preact/hooks';
import { getSession, onSessionChange, type Role, type Session } from './api/session';
import { Header } from './components/Header';
import { useI18n } from './i18n/context';
import { match, navigate, useLocation, type Location } from './lib/router';
import { ForgotPassword } from './screens/ForgotPassword';
import { Login } from './screens/Login';
import { NotFound } from './screens/NotFound';
import { Register } from './screens/Register';
import { ResetPassword } from './screens/ResetPassword';
import { Verify } from './screens/Verify';
import { BulkVerify } from './screens/organisation/BulkVerify';
import { Invite } from './screens/candidate/Invite';
import { MyResult } from './screens/candidate/MyResult';
import { NotificationSettings } from './screens/candidate/NotificationSettings';
import { SendResult } from './screens/candidate/SendResult';
import { SharedWith } from './screens/candidate/SharedWith';
import { AcceptInvitation } from './screens/organisation/AcceptInvitation';
import { Inbox } from './screens/organisation/Inbox';
import { ShareDetail } from './screens/organisation/ShareDetail';
import type { JSX } from 'preact';

interface Route {
  pattern: string;
  /** Who may see it: a role, or anyone (public screens). */
  role?: Role;
  render: (location: Location, params: Record<string, string>) => JSX.Element;
}

const routes: Route[] = [
  { pattern: '/login', render: (l) => <Login query={l.query} /> },
  { pattern: '/register', render: () => <Register /> },
  { pattern: '/forgot-password', render: (l) => <ForgotPassword query={l.query} /> },
  { pattern: '/reset-password', render: (l) => <ResetPassword query={l.query} /> },
  { pattern: '/invitations/accept', render: (l) => <AcceptInvitation query={l.query} /> },
  { pattern: '/verify', render: (l) => <Verify query={l.query} /> },
  { pattern: '/verify/bulk', role: 'organisation', render: () => <BulkVerify /> },
  { pattern: '/results', role: 'candidate', render: () => <MyResult /> },
  { pattern: '/send', role: 'candidate', render: (l) => <SendResult query={l.query} /> },
  { pattern: '/shared', role: 'candidate', render: () => <SharedWith /> },
  { pattern: '/invite', role: 'candidate', render: (l) => <Invite query={l.query} /> },
  { pattern: '/settings', role: 'candidate', render: () => <NotificationSettings /> },
  { pattern: '/inbox', role: 'organisation', render: () => <Inbox /> },
  {
    pattern: '/inbox/:shareId',
    role: 'organisation',
    render: (_, p) => <ShareDetail shareId={p['shareId'] ?? ''} />,
  },
];

const home = (session: Session | null) =>
  session?.role === 'candidate' ? '/results' : session?.role === 'organisation' ? '/inbox' : '/login';

function resolve(
  location: Location,
  session: Session | null,
): { element: JSX.Element | null; redirect?: string } {
  if (location.path === '/') return { element: null, redirect: home(session) };
  for (const route of routes) {
    const params = match(route.pattern, location.path);
    if (!params) continue;
    if (route.role && session?.role !== route.role) {
      if (session) return { element: null, redirect: home(session) };
      return { element: null, redirect: `/login${route.role === 'organisation' ? '?as=organisation' : ''}` };
    }
    return { element: route.render(location, params) };
  }
  return { element: <NotFound /> };
}

export function App() {
  const { t } = useI18n();
  const location = useLocation();
  const [session, setSessionState] = useState<Session | null>(getSession);

  useEffect(
    () =>
      onSessionChange((next, reason) => {
        setSessionState(next);
        if (reason === 'expired') navigate('/login?notice=expired', { replace: true });
      }),
    [],
  );

  const { element, redirect } = resolve(location, session);
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true, quiet: true });
  }, [redirect]);

  return (
    <>
      <Header session={session} path={location.path} />
      <main id="main" class="main" tabIndex={-1}>
        {element}
      </main>
      {/* The sentence is the candidate's reassurance: organisations do not send results. */}
      {session?.role !== 'organisation' && (
        <footer class="footer">
          <p>{t('app.footer')}</p>
        </footer>
      )}
    </>
  );
}
