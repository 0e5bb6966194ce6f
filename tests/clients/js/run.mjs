// Runs S3 commands with the AWS SDK for JavaScript v3 against an endpoint, for
// tests/clients/test_js_sdk.py. Reads a plan as JSON on stdin:
//   {"endpoint": "http://127.0.0.1:PORT", "region": "us-east-1",
//    "steps": [{"command": "DeleteObjects", "input": {...}}, ...]}
// and prints one JSON result per step: {"ok": output} or {"error": {name, status, message}}.
// An input value {"$stream": "text"} is sent as a Readable stream (aws-chunked, with a
// trailing checksum); a GetObject body is read as text.
import { Readable } from "node:stream";
import * as s3 from "@aws-sdk/client-s3";

const plan = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => { text += chunk; });
  process.stdin.on("end", () => resolve(text));
}));

const client = new s3.S3Client({
  endpoint: plan.endpoint,
  region: plan.region ?? "us-east-1",
  forcePathStyle: plan.forcePathStyle ?? true,
  credentials: { accessKeyId: plan.accessKeyId ?? "AKIDJSCLIENT", secretAccessKey: plan.secretAccessKey ?? "js-secret" },
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 5000, requestTimeout: 20000 },
});

function prepare(input) {
  const out = {};
  for (const [name, value] of Object.entries(input ?? {})) {
    out[name] = value && typeof value === "object" && "$stream" in value
      ? Readable.from([Buffer.from(value.$stream)]) : value;
  }
  return out;
}

const results = [];
for (const step of plan.steps) {
  const Command = s3[`${step.command}Command`];
  try {
    const output = await client.send(new Command(prepare(step.input)));
    if (output.Body && typeof output.Body.transformToString === "function") {
      output.Body = await output.Body.transformToString();
    }
    const status = output.$metadata?.httpStatusCode;
    delete output.$metadata;
    results.push({ ok: output, status });
  } catch (error) {
    results.push({ error: { name: error.name, status: error.$metadata?.httpStatusCode, message: error.message } });
  }
}
client.destroy();
process.stdout.write(JSON.stringify(results));
