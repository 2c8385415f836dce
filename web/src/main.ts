/**
 * The demo's entry: the page, with the bundled sample run open, or the run
 * its address names (`?run=PATH`, when `kafka-workload serve` serves it).
 */
import './style.css';
import sampleText from './samples/sample-run.json?raw';
import { fetchRun, requestedRun } from './run/fetch-run.js';
import { runOfTexts } from './run/open-files.js';
import { App } from './view/app.js';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app');
const requested = requestedRun(location.search);
const app = new App(root, { sample: () => runOfTexts([{ name: 'sample-run.json', text: sampleText }]), served: requested !== null });
if (requested === null) app.openSample();
else app.openFetched(requested, fetchRun(requested, location.href));
