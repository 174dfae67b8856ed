"""The app in a web browser: a loopback-only server with a secret token (`dialog-kit serve`)."""
