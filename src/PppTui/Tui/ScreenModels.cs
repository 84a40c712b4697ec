namespace PppTui.Tui;

/// <summary>The models the main screen shows; adapters over the core services fill these in.</summary>
public sealed record ScreenModels(IProfileListModel Profiles, ILinkStatusModel Links, IRouteModel Routes, LogModel Log,
    IServiceModel Services);
