/**
 * Opening a run: choose files, choose a store/<run>/ folder, or drop either
 * anywhere on the page; the bundled sample; saving the open run as one
 * bundle file. Reading stays in run/open-files.ts; this is only the DOM.
 */
import { readFileText, runOfTexts, type NamedText } from '../run/open-files.js';
import type { Run } from '../run/run.js';
import { h } from './dom.js';

export interface OpenHandlers {
  readonly opened: (run: Run) => void;
  readonly failed: (message: string) => void;
  readonly sample: () => void;
  readonly save: () => void;
  readonly simulate: () => void;
}

const readAll = async (files: readonly File[]): Promise<NamedText[]> =>
  Promise.all(files.map(async (file) => ({ name: file.webkitRelativePath !== '' ? file.webkitRelativePath : file.name, text: await readFileText(file) })));

/** The files of a dropped folder (its top level and node-logs/ are enough; subfolders are read one level deep). */
const filesOfEntry = (entry: FileSystemEntry, prefix: string, depth: number): Promise<File[]> =>
  new Promise((resolve) => {
    if (entry.isFile) {
      (entry as FileSystemFileEntry).file(
        (file) => resolve([new File([file], `${prefix}${file.name}`)]),
        () => resolve([]),
      );
    } else if (entry.isDirectory && depth < 2) {
      // readEntries gives a directory's entries a batch at a time, until an empty batch.
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      const children: FileSystemEntry[] = [];
      const more = (): void =>
        reader.readEntries(
          (batch) => {
            if (batch.length > 0) {
              children.push(...batch);
              more();
            } else void Promise.all(children.map((c) => filesOfEntry(c, `${prefix}${entry.name}/`, depth + 1))).then((lists) => resolve(lists.flat()));
          },
          () => resolve([]),
        );
      more();
    } else resolve([]);
  });

export const openControls = (handlers: OpenHandlers): HTMLElement => {
  const open = async (files: readonly File[]): Promise<void> => {
    try {
      const run = runOfTexts(await readAll(files));
      if (typeof run === 'string') handlers.failed(run);
      else handlers.opened(run);
    } catch (error) {
      handlers.failed(`could not read the files: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const filesInput = h('input', { attrs: { type: 'file', multiple: '', accept: '.jsonl,.json,.edn,.gz', id: 'open-files' }, class: 'hidden-input' });
  const folderInput = h('input', { attrs: { type: 'file', webkitdirectory: '', id: 'open-folder' }, class: 'hidden-input' });
  for (const input of [filesInput, folderInput]) {
    input.addEventListener('change', () => {
      void open([...(input.files ?? [])]);
      input.value = '';
    });
  }
  document.addEventListener('dragover', (event) => {
    event.preventDefault();
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) document.body.classList.remove('dragging');
  });
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    document.body.classList.remove('dragging');
    const items = [...(event.dataTransfer?.items ?? [])];
    const entries = items.map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => e !== null && e !== undefined);
    if (entries.length > 0 && entries.some((e) => e.isDirectory)) {
      void Promise.all(entries.map((e) => filesOfEntry(e, '', 0))).then((lists) => open(lists.flat()));
    } else void open([...(event.dataTransfer?.files ?? [])]);
  });
  return h(
    'div',
    { class: 'open-controls' },
    filesInput,
    folderInput,
    h('button', { title: 'history.jsonl, trace.jsonl, results.json of a run; a bundle (.json); or a history.edn', on: { click: () => filesInput.click() } }, 'Open files…'),
    h('button', { title: 'a store/<run>/ folder', on: { click: () => folderInput.click() } }, 'Open folder…'),
    h('button', { on: { click: handlers.sample } }, 'Sample'),
    h('button', { attrs: { id: 'simulate-toggle' }, on: { click: handlers.simulate } }, 'Simulate…'),
    h('button', { title: 'save this run as one bundle file', on: { click: handlers.save } }, 'Save bundle'),
  );
};
