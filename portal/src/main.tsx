import { render } from 'preact';
import { App } from './app';
import { I18nProvider } from './i18n/context';
import './styles/base.css';
import './styles/forms.css';
import './styles/results.css';
import './styles/send.css';
import './styles/share-life.css';

const root = document.getElementById('app');
if (root) {
  render(
    <I18nProvider>
      <App />
    </I18nProvider>,
    root,
  );
}
