// Entry point of the sandbox's e-Box web app.
import { render } from 'preact';
import { App } from './app.tsx';
import { readConfig, SKINS, type Skin } from './config.ts';
import { interceptLinks, useHashRouting } from './router.ts';
import './app.css';

const root = document.getElementById('app');
if (!root) throw new Error('#app missing');
interceptLinks(root);
const config = readConfig();
// The markup chosen once (`?skin=`) stays for the tab, through the sign-in redirects.
const stored = sessionStorage.getItem('ebox.skin') as Skin | null;
const skin: Skin = config.skin ?? (stored && SKINS.includes(stored) ? stored : 'table');
sessionStorage.setItem('ebox.skin', skin);
if (skin === 'grid') useHashRouting();
render(<App config={{ ...config, skin }} />, root);
