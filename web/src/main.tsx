import { render } from 'preact';
import { App } from './app.js';
import './styles.css';

const root = document.getElementById('app')!;
// The placeholder shown while the script loads goes; the page takes its place.
root.replaceChildren();
render(<App />, root);
