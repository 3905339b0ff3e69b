import { ISocketFactory } from 'kafkajs';
import * as net from 'node:net';

/** Kafka's API key of a Produce request: the int16 after a request's int32 size. */
const PRODUCE_API_KEY = 0;

/**
 * A kafkajs `socketFactory` that, while `losing` is on, lets every Produce request reach the broker
 * and then loses its answer: the connection swallows what the broker sends back and is cut
 * `cutAfterMs` later, long enough for the broker to have appended the records. The client sees what
 * it sees when a broker dies after writing, or a network drops the response: a failed request whose
 * records may be stored, which only a retry of the *same* records may follow on the same producer
 * (see EventPublisher). Plain TCP only.
 */
export class AnswerLosingSockets {
  losing = false;
  /** Produce requests whose answer was lost so far. */
  lostAnswers = 0;

  constructor(private readonly cutAfterMs = 300) {}

  readonly factory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
    if (ssl) throw new Error('AnswerLosingSockets speaks plain TCP only; this client is set up for TLS');
    const socket = net.connect({ host, port }, onConnect);
    let cut = false;
    const write = socket.write.bind(socket) as (chunk: Buffer, encoding: BufferEncoding) => boolean;
    socket.write = ((chunk: Buffer, encoding: BufferEncoding) => {
      const written = write(chunk, encoding);
      if (this.losing && !cut && isProduceRequest(chunk)) {
        cut = true;
        this.lostAnswers++;
        setTimeout(() => socket.destroy(new Error('answer lost on purpose (test)')), this.cutAfterMs);
      }
      return written;
    }) as typeof socket.write;
    const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
    socket.emit = ((event: string | symbol, ...args: unknown[]) =>
      cut && event === 'data' ? true : emit(event, ...args)) as typeof socket.emit;
    return socket;
  };
}

function isProduceRequest(chunk: unknown): boolean {
  return Buffer.isBuffer(chunk) && chunk.length >= 6 && chunk.readInt16BE(4) === PRODUCE_API_KEY;
}
