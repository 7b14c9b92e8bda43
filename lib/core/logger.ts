import pino, { type DestinationStream } from "pino";

// Structured JSON logs on stdout; request handlers add context with logger.child({ route }).
// Secrets are redacted wherever they sit, up to four levels deep (a header inside an error inside a
// log record): passwords, tokens, secrets, cookies and authorization headers never reach a log.
const SECRET_KEYS = [
  "password",
  "passwordHash",
  "token",
  "secret",
  "authorization",
  "cookie",
  "set-cookie",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "apiKey",
  "x-hub-signature-256",
  "x-pagerduty-signature",
];

export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => {
  const leaf = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  return [0, 1, 2, 3].map((depth) => {
    const prefix = Array.from({ length: depth }, () => "*").join(".");
    if (!prefix) return leaf;
    return leaf.startsWith("[") ? `${prefix}${leaf}` : `${prefix}.${leaf}`;
  });
});

export function createLogger(destination?: DestinationStream) {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? "info",
      base: { app: "shipshape" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    },
    destination,
  );
}

export const logger = createLogger();
