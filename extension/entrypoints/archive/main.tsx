import { render } from 'preact';
import { currentLanguage, initI18n, t } from '@/src/i18n/i18n';
import { ArchiveApp } from './ArchiveApp';
import './style.css';

const root = document.getElementById('app')!;
function draw() {
  document.documentElement.lang = currentLanguage();
  document.title = t('archive_title');
  render(<ArchiveApp key={currentLanguage()} />, root);
}
await initI18n(draw);
draw();
