"""Pure functions from an item's text to typed values with the spans they came from."""
