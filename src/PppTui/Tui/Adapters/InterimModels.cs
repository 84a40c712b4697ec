using PppTui.Core.Files;
using PppTui.Tui.Models;

namespace PppTui.Tui.Adapters;

/// <summary>
/// The profile list as far as it can be told without the profile store: the names of the
/// profile files under the root. Kind and state stay unknown and the editor cannot open yet;
/// the adapter over ProfileStore replaces this.
/// </summary>
public sealed class ProfileFolderModel(SystemPaths paths) : IProfileListModel
{
    public IReadOnlyList<ProfileSummary> Profiles
    {
        get
        {
            var dir = paths.ProfilesDir;
            if (!Directory.Exists(dir)) return [];
            return Directory.EnumerateFiles(dir, "*.toml")
                .Select(Path.GetFileNameWithoutExtension)
                .Order(StringComparer.Ordinal)
                .Select(n => new ProfileSummary(n!, "?", LinkState.Unknown))
                .ToList();
        }
    }

    public IReadOnlyList<KindInfo> Kinds => [];

    public event EventHandler? Changed { add { } remove { } }

    public IEditorModel OpenEditor(string profileName) =>
        throw new NotSupportedException($"the editor for {profileName} needs the profile store, which this build does not connect yet");

    public IEditorModel CreateNew(string kindId, string profileName) =>
        throw new NotSupportedException("new profiles need the kind registry, which this build does not connect yet");

    public Task<ActionResult> DeleteAsync(string profileName, CancellationToken cancellationToken) =>
        Task.FromResult(ActionResult.Fail(new UserError("Delete " + profileName,
            "deleting needs the profile store, which this build does not connect yet", "Use 'ppptui delete' when it is available.")));
}

/// <summary>No link source connected yet: no links, and connect explains why it cannot run.</summary>
public sealed class NoLinksModel : ILinkStatusModel
{
    public IReadOnlyList<LinkStatus> Links => [];
    public event EventHandler? Changed { add { } remove { } }

    public Task<ActionResult> ConnectAsync(string profileName, CancellationToken cancellationToken) => NotConnected("Connect " + profileName);
    public Task<ActionResult> DisconnectAsync(string profileName, CancellationToken cancellationToken) => NotConnected("Disconnect " + profileName);

    private static Task<ActionResult> NotConnected(string what) =>
        Task.FromResult(ActionResult.Fail(new UserError(what, "the dialer is not connected to this screen yet",
            "Use 'ppptui connect' / 'ppptui disconnect' from the command line.")));
}

/// <summary>No route source connected yet.</summary>
public sealed class NoRoutesModel : IRouteModel
{
    public IReadOnlyList<RouteEntry> Routes => [];
    public string? DefaultRouteOwner => null;
    public IReadOnlyList<RouteWarning> Warnings => [];
    public event EventHandler? Changed { add { } remove { } }
}
