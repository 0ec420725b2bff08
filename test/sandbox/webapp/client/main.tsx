// Entry point of the sandbox's e-Box web app.
import { render } from 'preact';
import { App } from './app.tsx';
import { readConfig } from './config.ts';
import { interceptLinks } from './router.ts';
import './app.css';

const root = document.getElementById('app');
if (!root) throw new Error('#app missing');
interceptLinks(root);
render(<App config={readConfig()} />, root);
