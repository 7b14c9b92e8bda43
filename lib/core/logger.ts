import pino from "pino";

// Structured JSON logs on stdout; request handlers add context with logger.child({ route }).
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { app: "shipshape" },
  redact: ["req.headers.authorization", "req.headers.cookie", "token", "password"],
});
