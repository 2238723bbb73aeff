//! A real serenity 0.12.5 client against the fake, wired as the bot wires it (the fake's URL
//! as serenity's proxy, the rate limiter off): it gets READY, an interaction, answers it
//! over REST, and resumes after the gateway drops, missing nothing.

use serenity::all::{
    ChannelId, ClientBuilder, Context, CreateInteractionResponse, CreateInteractionResponseMessage,
    EventHandler, GatewayIntents, HttpBuilder, Interaction, Ready, ResumedEvent,
};
use std::sync::{Mutex, OnceLock, PoisonError};

use tokio::sync::mpsc;
use tracing_subscriber::layer::{Context as LayerContext, SubscriberExt};

use super::*;

/// The warnings serenity logged in this test binary: it drops a payload it cannot read
/// with a warning only, so none may appear.
fn serenity_warnings() -> &'static Mutex<Vec<String>> {
    static WARNINGS: OnceLock<Mutex<Vec<String>>> = OnceLock::new();
    WARNINGS.get_or_init(|| {
        let subscriber = tracing_subscriber::registry().with(Warnings);
        let _ = tracing::subscriber::set_global_default(subscriber);
        Mutex::new(Vec::new())
    })
}

struct Warnings;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Warnings {
    fn on_event(&self, event: &tracing::Event<'_>, _: LayerContext<'_, S>) {
        let metadata = event.metadata();
        if *metadata.level() > tracing::Level::WARN || !metadata.target().starts_with("serenity") {
            return;
        }
        let mut text = format!("{}: ", metadata.target());
        event.record(&mut Text(&mut text));
        serenity_warnings()
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(text);
    }
}

struct Text<'a>(&'a mut String);

impl tracing::field::Visit for Text<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={value:?} ", field.name()));
    }
}

/// Tells the test what serenity's handlers saw.
struct Recorder(mpsc::UnboundedSender<String>);

#[serenity::async_trait]
impl EventHandler for Recorder {
    async fn ready(&self, _: Context, ready: Ready) {
        let _ = self.0.send(format!("ready {}", ready.user.name));
    }

    async fn resume(&self, _: Context, _: ResumedEvent) {
        let _ = self.0.send("resumed".into());
    }

    async fn interaction_create(&self, context: Context, interaction: Interaction) {
        let Interaction::Command(command) = interaction else {
            return;
        };
        let answer = CreateInteractionResponseMessage::new().content("pong");
        let answered = command
            .create_response(&context.http, CreateInteractionResponse::Message(answer))
            .await;
        let said = ChannelId::new(GENERAL).say(&context.http, "said").await;
        let _ = self.0.send(format!(
            "interaction {} {} {}",
            command.data.name,
            answered.is_ok(),
            said.is_ok()
        ));
    }
}

async fn next(events: &mut mpsc::UnboundedReceiver<String>) -> String {
    tokio::time::timeout(Duration::from_secs(10), events.recv())
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_serenity_client_gets_ready_answers_and_resumes() {
    serenity_warnings();
    let fake = fake().await;
    let http = HttpBuilder::new(TOKEN)
        .proxy(fake.url())
        .ratelimiter_disabled(true)
        .build();
    let intents = GatewayIntents::GUILDS | GatewayIntents::GUILD_MEMBERS;
    let (sender, mut events) = mpsc::unbounded_channel();
    let mut client = ClientBuilder::new_with_http(http, intents)
        .event_handler(Recorder(sender))
        .await
        .unwrap();
    let shards = client.shard_manager.clone();
    let running = tokio::spawn(async move { client.start().await });

    assert_eq!(next(&mut events).await, "ready Passerelle");
    fake.wait_ready(WAIT).await.unwrap();
    assert_eq!(fake.intents(), Some(intents.bits()));
    assert_eq!(
        fake.calls()[0].route(),
        "GET /gateway",
        "serenity asked the fake"
    );

    let ping = command(Some(GUILD), GENERAL, "ping");
    fake.dispatch("INTERACTION_CREATE", ping.clone());
    assert_eq!(next(&mut events).await, "interaction ping true true");
    let answer = fake.interaction_response(interaction_id(&ping)).unwrap();
    assert_eq!(answer["data"]["content"], "pong");
    let said = fake.calls_to("POST /channels/{id}/messages");
    assert_eq!(said[0].status, 200);

    fake.drop_gateway();
    let missed = command(Some(GUILD), GENERAL, "missed");
    fake.dispatch("INTERACTION_CREATE", missed);
    let mut after = vec![next(&mut events).await, next(&mut events).await];
    after.sort();
    assert_eq!(after, vec!["interaction missed true true", "resumed"]);
    assert_eq!((fake.identifies(), fake.resumes()), (1, 1));

    shards.shutdown_all().await;
    running.abort();
    let warnings = serenity_warnings()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    assert!(warnings.is_empty(), "serenity warned: {warnings:#?}");
}
