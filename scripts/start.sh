#!/usr/bin/env bash
# npm start: Kafka (reused when one answers), the database and its migrations, then all four services
# in this terminal with labelled logs. Ctrl-C stops the services, and Kafka if this script started it.
set -euo pipefail
cd "$(dirname "$0")/.."

kafka_started_here=0
if ! bash deploy/kafka/kafka.sh status >/dev/null 2>&1; then
  bash deploy/kafka/kafka.sh start
  bash deploy/kafka/kafka.sh status >/dev/null 2>&1 && kafka_started_here=1
fi
stop_kafka() {
  if [ "$kafka_started_here" = 1 ]; then bash deploy/kafka/kafka.sh stop; fi
}
trap stop_kafka EXIT

npm run --silent build
node dist/scripts/migrate.js

# Services log JSON lines; concurrently prefixes each with the service's name and stops them all together.
npx concurrently --names ingest,classifier,scoring,insights --prefix-colors blue,magenta,yellow,green \
  --kill-others --kill-signal SIGTERM \
  "node dist/services/ingest/src/main.js" \
  "node dist/services/classifier/src/main.js" \
  "node dist/services/survey-scoring/src/main.js" \
  "node dist/services/insights/src/main.js" || true
