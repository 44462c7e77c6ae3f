import { logOut } from '../api/client';
import type { Session } from '../api/session';
import { useI18n } from '../i18n/context';
import { navigate } from '../lib/router';
import { LanguageSwitch } from './LanguageSwitch';
import { Link } from './Link';

interface Props {
  session: Session | null;
  path: string;
}

export function Header({ session, path }: Props) {
  const { t } = useI18n();
  const links =
    session?.role === 'candidate'
      ? [
          { to: '/results', label: t('nav.myResult') },
          { to: '/send', label: t('nav.send') },
          { to: '/shared', label: t('nav.shared') },
          { to: '/settings', label: t('nav.settings') },
        ]
      : session?.role === 'organisation'
        ? [
            { to: '/inbox', label: t('nav.inbox') },
            { to: '/verify/bulk', label: t('nav.bulkVerify') },
          ]
        : [
            { to: '/login', label: t('nav.login') },
            { to: '/register', label: t('nav.register') },
            { to: '/verify', label: t('nav.verify') },
          ];
  const isCurrent = (to: string) => path === to || (to !== '/' && path.startsWith(`${to}/`) && !links.some((l) => l.to !== to && path.startsWith(l.to) && l.to.length > to.length));
  return (
    <header class="header">
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <div class="header__inner">
        <Link to="/" class="header__brand">
          {t('app.name')}
        </Link>
        <nav class="header__nav" aria-label={t('nav.label')}>
          <ul>
            {links.map((l) => (
              <li key={l.to}>
                <Link to={l.to} current={isCurrent(l.to)}>
                  {l.label}
                </Link>
              </li>
            ))}
            {session && (
              <li>
                <button
                  type="button"
                  class="link-button"
                  onClick={() => {
                    logOut();
                    navigate('/login');
                  }}
                >
                  {t('nav.signOut')}
                </button>
              </li>
            )}
          </ul>
        </nav>
        <LanguageSwitch />
      </div>
    </header>
  );
}
