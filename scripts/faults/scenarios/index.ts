import { BROKER_OUTAGE } from './broker-outage';
import { CONSUMER_SCALING } from './consumer-scaling';
import { LEADER_KILLS } from './leader-kills';
import { POISON_MESSAGES } from './poison-messages';
import { POSTGRES_OUTAGE } from './postgres-outage';
import { KILL_9, SIGTERM } from './process-kills';
import { Scenario } from './scenario';
import { SLOW_HANDLER } from './slow-handler';

/** In the order. */
export const SCENARIOS: Record<string, Scenario> = {
  kill9: KILL_9,
  sigterm: SIGTERM,
  postgres: POSTGRES_OUTAGE,
  broker: BROKER_OUTAGE,
  leader: LEADER_KILLS,
  poison: POISON_MESSAGES,
  slow: SLOW_HANDLER,
  scale: CONSUMER_SCALING,
};
