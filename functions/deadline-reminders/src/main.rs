//! Lambda function run by EventBridge Scheduler every 15 minutes (Europe/London): deadline
//! reminders, overdue alerts and escalations, the routing sweeper, the retention purge and the
//! publication of closed months' statistics.
//! What it reads from its environment: `oys_lambda::config::DeadlineRemindersConfig`.

#[tokio::main]
async fn main() -> Result<(), oys_lambda::Error> {
    oys_lambda::run_deadline_reminders().await
}
