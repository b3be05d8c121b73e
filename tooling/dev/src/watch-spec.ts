// Watches a spec folder for saves: one watcher per folder, not `recursive: true`.
// Node 20's recursive watcher on Linux loses a file once an editor saves it by
// rename (write a copy, rename it over), and sees none of its later saves. A
// folder's own watcher sees both kinds of save, and new folders as they come.
import { type Dirent, type FSWatcher, readdirSync, statSync, watch } from "node:fs";
import { basename, join } from "node:path";

/** Top-level folders of a spec folder that hold no spec file. */
const NOT_SPEC = new Set(["dist", "node_modules", "released", "test", "src", "scripts", "coverage", "test-results"]);
const SPEC_FILE = /\.(ya?ml|json|js)$/;

const isFolder = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** Calls `saw` with the path of each spec file saved under `specDir`; `close` ends every watcher. */
export function watchSpec(specDir: string, saw: (file: string) => void): { close: () => void } {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  const watchFolder = (dir: string, top: boolean) => {
    if (watchers.has(dir) || closed) {
      return;
    }
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, file) => {
        if (!file) {
          return;
        }
        const path = join(dir, file);
        if (top ? /\.ya?ml$/.test(file) : SPEC_FILE.test(file)) {
          saw(path);
        } else if (isFolder(path)) {
          watchTree(path, top);
        }
      });
    } catch {
      return; // not a folder, or gone already
    }
    watcher.on("error", () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
  };
  /** Watches `dir` and every folder under it; in the spec folder itself, only the folders that hold spec files. */
  const watchTree = (dir: string, inTop = false) => {
    if (inTop && (NOT_SPEC.has(basename(dir)) || basename(dir).startsWith("."))) {
      return;
    }
    watchFolder(dir, false);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith(".")) {
        watchTree(join(dir, entry.name));
      }
    }
  };
  watchFolder(specDir, true);
  for (const entry of readdirSync(specDir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      watchTree(join(specDir, entry.name), true);
    }
  }
  return {
    close: () => {
      closed = true;
      for (const watcher of watchers.values()) {
        watcher.close();
      }
    },
  };
}
