import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** JSON logs; credentials never reach them. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'itam-graph' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
