"""One module per screen: layout from components, text from the catalogue, data from a state."""
