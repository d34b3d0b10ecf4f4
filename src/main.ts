import { runApp } from './app.ts';

/** npm start and `node dist/main.js`: the bot or terminal mode on the real process (logic in app.ts, tested in process). */
void runApp({ env: process.env, cwd: process.cwd(), stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, import.meta.url).then((code) => {
  process.exitCode = code;
});
