"""The models of each part of the operations app, one module per part."""
