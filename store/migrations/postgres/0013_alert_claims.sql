-- The event whose back-in-stock alert is being sent for a subscription, so that
-- the alerts of two restocks close together never both go out (app/alerts_send.go).
ALTER TABLE alert_subscriptions ADD COLUMN claim TEXT;
