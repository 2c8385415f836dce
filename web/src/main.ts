/** The demo's entry: the page, with the bundled sample run open. */
import './style.css';
import sampleText from './samples/sample-run.json?raw';
import { runOfTexts } from './run/open-files.js';
import { App } from './view/app.js';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app');
const app = new App(root, { sample: () => runOfTexts([{ name: 'sample-run.json', text: sampleText }]) });
app.openSample();
