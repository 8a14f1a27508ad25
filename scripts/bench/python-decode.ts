import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Times xmlrpc.client.loads, the decoder pyrocore and rtcontrol use, inside Python itself so
// that starting the interpreter and reading the file are left out.
const PYTHON_TIMER = `
import json, sys, time, xmlrpc.client
body = open(sys.argv[1], 'rb').read()
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    xmlrpc.client.loads(body)
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps(times))
`;

/** Milliseconds Python's `xmlrpc.client.loads` takes over `body`, once per repetition. */
export async function timePythonDecode(
  body: Buffer,
  file: string,
  repetitions: number,
): Promise<number[]> {
  await writeFile(file, body);
  const { stdout } = await run('python3', ['-c', PYTHON_TIMER, file, String(repetitions)], {
    maxBuffer: 1024 * 1024,
  });

  return JSON.parse(stdout) as number[];
}
