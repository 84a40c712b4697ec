namespace PppTui.Tui.Models;

/// <summary>One row of the profile list.</summary>
/// <param name="Name">The profile name (also the peers file name).</param>
/// <param name="Kind">The kind id, e.g. "pptp", "pppoe", "modem", "custom".</param>
/// <param name="State">The live state for the badge.</param>
/// <param name="Description">Free text the user gave the profile; may hold any script (CJK included).</param>
/// <param name="Problem">Set when the profile cannot be loaded; the row stays, marked, and this says why.</param>
/// <param name="NotImported">A peers file no profile manages yet: it opens, previews and connects as it
/// is, read only; the first Apply of an edit imports it.</param>
public sealed record ProfileSummary(string Name, string Kind, LinkPhase State, string? Description = null, string? Problem = null,
    bool NotImported = false);

/// <summary>A connection kind the "New" action can create.</summary>
/// <param name="Caution">The kind's weakness in one line (PPTP's), shown when it is chosen; null: none, or silenced.</param>
public sealed record KindInfo(string Id, string Title, string Summary, string? Caution = null);

/// <summary>
/// The profile list and what can be done to whole profiles. Implementations may raise
/// <see cref="Changed"/> on any thread; views marshal to the UI thread themselves.
/// </summary>
public interface IProfileListModel
{
    IReadOnlyList<ProfileSummary> Profiles { get; }

    /// <summary>False until the profiles have been read once (in the background); the list says it is loading meanwhile.</summary>
    bool IsLoaded { get; }

    /// <summary>Why the list may be incomplete (a folder the user may not read), or null; the
    /// empty list then says this rather than "No profiles yet".</summary>
    string? Unreadable => null;

    /// <summary>The kinds "New" offers, in menu order.</summary>
    IReadOnlyList<KindInfo> Kinds { get; }

    event EventHandler? Changed;

    /// <summary>Opens an editable copy of a profile; throws with a readable message when it cannot be loaded.</summary>
    IEditorModel OpenEditor(string profileName);

    /// <summary>Starts an unsaved profile of a kind; nothing is written until Apply.</summary>
    IEditorModel CreateNew(string kindId, string profileName);

    Task<ActionResult> DeleteAsync(string profileName, CancellationToken cancellationToken);

    /// <summary>Imports every peers file not imported yet (the rows marked <see cref="ProfileSummary.NotImported"/>) as profiles.</summary>
    Task<ActionResult> ImportAllAsync(CancellationToken cancellationToken);
}
