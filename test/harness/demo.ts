/**
 * The folder `npm start` opens: the one given with --folder, else a scratch copy of the sample
 * corpus, so that trying the demo (renaming, merging or ignoring an entity edits entities.yaml)
 * never changes the repository's tracked sources/.
 */
import path from 'node:path';
import { copyToTemp, SAMPLE_SOURCES } from './repo';

export interface DemoFolder {
  readonly folder: string;
  /** True when the folder is a fresh copy of sources/ made for this run. */
  readonly scratch: boolean;
  /** What to tell the user about it. */
  readonly message: string;
}

export async function demoFolder(folderArg?: string): Promise<DemoFolder> {
  if (folderArg) {
    const folder = path.resolve(folderArg);
    return { folder, scratch: false, message: `Opening ${folder} (your edits in VS Code change the files there).` };
  }
  const folder = path.join(await copyToTemp(SAMPLE_SOURCES, 'sources'), 'sources');
  return {
    folder,
    scratch: true,
    message: `Opening a scratch copy of the sample corpus in ${folder}: renaming or ignoring entities edits that copy, never the repository's sources/. (npm start -- --folder PATH opens your own folder.)`,
  };
}
