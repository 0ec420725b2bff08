import { render } from 'preact';
import { currentLanguage, initI18n } from '@/src/i18n/i18n';
import { Popup } from './Popup';
import './theme.css';
import './style.css';

const root = document.getElementById('app')!;
function draw() {
  document.documentElement.lang = currentLanguage();
  // Keyed by language: a switch remounts everything, so every text is read again.
  render(<Popup key={currentLanguage()} />, root);
}
await initI18n(draw);
draw();
