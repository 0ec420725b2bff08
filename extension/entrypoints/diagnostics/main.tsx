import { render } from 'preact';
import { currentLanguage, initI18n } from '@/src/i18n/i18n';
import { Diagnostics } from './Diagnostics';
import '../popup/theme.css';
import '../options/style.css';

const root = document.getElementById('app')!;
function draw() {
  document.documentElement.lang = currentLanguage();
  render(<Diagnostics key={currentLanguage()} />, root);
}
await initI18n(draw);
draw();
