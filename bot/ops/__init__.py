"""Running the bot as a service: the health check and its endpoint, the checks of
`aftercare doctor`, and what a running bot holds (the instance lock)."""
