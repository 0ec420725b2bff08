import { render } from 'preact';
import { currentLanguage, initI18n } from '@/src/i18n/i18n';
import { Popup } from './Popup';
import './theme.css';
import './style.css';

const root = document.getElementById('app')!;
function draw() {
  document.documentElement.lang = currentLanguage();
  render(<Popup />, root);
}
await initI18n(() => {
  // Another language: mount afresh so every text is read again.
  render(null, root);
  draw();
});
draw();
