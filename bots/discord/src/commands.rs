//! The catalog's slash commands on the guild: registered at start with one bulk
//! overwrite, and only when they differ from what was registered last (Discord allows
//! 200 command creations a day per guild).

use passerelle_core::command::platforms::discord_commands;
use passerelle_core::model::Platform;

use crate::bot::Bot;

/// Where the bot keeps what it registered last.
const REGISTERED: &str = "registered_commands";

/// Registers the catalog's commands on the guild when they changed.
pub async fn register(bot: &Bot) {
    let commands = discord_commands();
    let settings = &bot.settings;
    // The application and guild are part of what was registered: another guild needs
    // its own registration.
    let mark = format!(
        "{}/{}/{}",
        settings.application_id, settings.guild_id, commands
    );
    match bot.hub.adapter_value(Platform::Discord, REGISTERED).await {
        Ok(Some(last)) if last == mark => {
            tracing::debug!("the slash commands are as registered");
            return;
        }
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "cannot read which commands were registered"),
    }
    let path = format!(
        "/applications/{}/guilds/{}/commands",
        settings.application_id, settings.guild_id
    );
    match bot.rest.put(&path, &commands).await {
        Ok(_) => {
            tracing::info!("slash commands registered on the guild");
            if let Err(error) = bot
                .hub
                .set_adapter_value(Platform::Discord, REGISTERED, &mark)
                .await
            {
                tracing::warn!(%error, "cannot note the commands registered");
            }
        }
        Err(error) => tracing::warn!(%error, "cannot register the slash commands"),
    }
}
