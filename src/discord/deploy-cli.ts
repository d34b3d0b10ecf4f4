import { runDeploy } from './deploy-app.ts';

/** npm run deploy on the real process (logic in deploy-app.ts, tested in process). */
void runDeploy({ env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
