import { render } from 'preact';
import { currentLanguage, initI18n } from '@/src/i18n/i18n';
import { Options } from './Options';
import '../popup/theme.css';
import './style.css';

const root = document.getElementById('app')!;
function draw() {
  document.documentElement.lang = currentLanguage();
  document.title = `e-Box Keeper · ${currentLanguage().toUpperCase()}`;
  // Keyed by language: a switch remounts everything, so every text is read again.
  render(<Options key={currentLanguage()} />, root);
}
await initI18n(draw);
draw();
