"""One module per stage. Stages import only the core (model, settings, models_loader), never storage, api or cli."""
