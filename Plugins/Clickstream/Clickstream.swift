// Clickstream domain: written next.

