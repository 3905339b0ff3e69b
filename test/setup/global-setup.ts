// Placeholder until the test stack lands (lead is wiring Kafka + throwaway database here).
export default async function globalSetup(): Promise<void> {}
