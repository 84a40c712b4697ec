using Serilog;

namespace PppTui.Core.Profiles;

/// <summary>What deleting a profile removed.</summary>
public sealed record DeleteResult(string Name, IReadOnlyList<string> Removed, IReadOnlyList<string> Kept);

/// <summary>
/// The profile actions both front ends call: list, create, change, preview, apply, import, delete,
/// effective options. One method per user action; the CLI and the TUI only build the request.
/// </summary>
public sealed class ProfileService
{
    private readonly ILogger _log;

    public ProfileService(SystemPaths paths, ILogger? log = null)
    {
        Paths = paths;
        _log = log ?? Serilog.Log.Logger;
        Writer = new AtomicFileWriter(new BackupStore(paths), _log);
        Store = new ProfileStore(paths, Writer);
        Renderer = new ProfileRenderer(paths);
        Importer = new PeersImporter(paths);
        Applier = new ProfileApplier(paths, Writer, _log);
    }

    public SystemPaths Paths { get; }
    public AtomicFileWriter Writer { get; }
    public ProfileStore Store { get; }
    public ProfileRenderer Renderer { get; }
    public PeersImporter Importer { get; }
    public ProfileApplier Applier { get; }

    public ProfileCatalog List() => Store.LoadAll();

    /// <summary>
    /// The peers files no profile of <paramref name="catalog"/> manages yet, by name, as
    /// <see cref="PeersImporter.PeerNames"/> finds them; none when pppd is not installed here.
    /// </summary>
    public IReadOnlyList<string> NotImported(ProfileCatalog catalog) => NotImported(catalog, out _);

    /// <summary>
    /// As <see cref="NotImported(ProfileCatalog)"/>; <paramref name="denied"/> says when the peers folder
    /// could not be read for want of rights (no /etc/ppp at all only means no peers files).
    /// </summary>
    public IReadOnlyList<string> NotImported(ProfileCatalog catalog, out NeedsRootException? denied)
    {
        denied = null;
        var managed = catalog.Profiles.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        try { return Importer.PeerNames(skip: managed).ToList(); }
        catch (NeedsRootException e) { denied = e; return []; }
        catch (PppTuiException) { return []; }
    }

    /// <summary>
    /// A peers file no profile manages yet, read as the profile importing it would give, without
    /// writing anything: its settings, preview and diff can be shown before it is imported.
    /// </summary>
    public Profile ReadNotImported(string name) => Importer.Import(name).Profile;

    public Profile Load(string name) => Store.Load(name);

    public ChangePlan Preview(Profile profile, ProfileSecrets? secrets = null, Func<string, string?>? readDisk = null)
    {
        TagRoutes(profile);
        return Renderer.Plan(profile, secrets, readDisk);
    }

    /// <summary>
    /// The routes script runs for every link and adds routes only when ipparam names this
    /// profile: a profile with routes and no ipparam of its own gets its name as ipparam, for
    /// every kind (imported modem and PPPoE peers files have none).
    /// </summary>
    private static void TagRoutes(Profile profile)
    {
        if (profile.Ppp.Routes.Count > 0 && string.IsNullOrEmpty(profile.Ppp.IpParam)) profile.Ppp.IpParam = profile.Name;
    }

    /// <summary>
    /// Validates, saves the profile and writes its files. Once written, <paramref name="secrets"/>
    /// is cleared: the password and PIN then live in the 0600 files only, not in the editor's memory.
    /// </summary>
    /// <param name="readDisk">The snapshot the editor previewed from: a file that changed on disk
    /// since that snapshot was read is refused (unless <paramref name="force"/>), and a forced apply
    /// writes exactly the previewed text. Null reads the disk now.</param>
    public ApplyResult Apply(Profile profile, ProfileSecrets? secrets = null, bool force = false, Func<string, string?>? readDisk = null)
    {
        TagRoutes(profile);
        var errors = ProfileValidator.Validate(profile, secrets);
        if (errors.Count > 0) throw new ProfileInvalidException(profile.Name, errors);
        // The plan is made under the lock: a plan read before another ppptui wrote the shared
        // secrets file would be refused as a conflict, or with --force undo that ppptui's change.
        using var applyLock = ApplyLock.Acquire(Paths, TimeSpan.FromSeconds(30));
        if (secrets?.Password is not null && !force && SharingRecord(profile) is { Count: > 0 } sharing)
            throw new PppTuiException(
                Msg.F("{0}'s secrets record {1}/{2} is also the password of {3}: a new password would change theirs too", profile.Name, profile.SecretsClient, profile.SecretsServer, string.Join(", ", sharing)),
                Msg.F("Change the password of all of them with 'ppptui apply {0} --password-stdin --force', or give {0} a remote name (remotename) of its own so that it gets its own record.", profile.Name),
                kind: FailureKind.Conflict);
        var plan = Renderer.Plan(profile, secrets, readDisk);
        var profileSaved = false;
        var result = Applier.ApplyLocked(plan, force, alsoWrite: () => profileSaved = Store.Save(profile));
        secrets?.Clear();
        return result with { ProfileSaved = profileSaved };
    }

    /// <summary>
    /// What <see cref="Apply"/> would write, without writing anything: the plan of the profile's
    /// files plus its own TOML file, each with its masked diff. A fleet tool asks this first, so
    /// that a dry run predicts exactly the change a real run makes.
    /// </summary>
    public ChangePlan Check(Profile profile, ProfileSecrets? secrets = null)
    {
        TagRoutes(profile);
        var plan = Renderer.Plan(profile, secrets);
        var full = Store.PathOf(profile.Name);
        var old = TextFile.ReadOrNull(full);
        // The profile never holds a password, but a kept pppd option line could: its diff is masked like a log line.
        var own = new PlannedFile("/etc/ppptui/profiles/" + profile.Name + ".toml", full, FileRole.Profile, old, ProfileToml.Write(profile),
            old is null ? FileFingerprint.Absent : FileFingerprint.Of(old), PlannedFile.ModeFor(FileRole.Profile))
        {
            Mask = Logging.Redactor.Redact,
        };
        return plan with { Files = [own, .. plan.Files] };
    }

    /// <summary>Saves the profile only; its files change on the next apply.</summary>
    public void Save(Profile profile)
    {
        TagRoutes(profile);
        Store.Save(profile);
    }

    /// <summary>Creates a new profile of a kind, refusing to replace an existing profile or peers file.</summary>
    public Profile Create(string name, ProfileKind kind)
    {
        var nameProblem = ValueRules.CheckProfileName(name);
        if (nameProblem is not null)
            throw new ProfileInvalidException(name, [new FieldError("name", nameProblem)]) { Kind = FailureKind.BadInput };
        if (Store.Exists(name))
            throw new PppTuiException(Msg.F("a profile named '{0}' already exists", name), Msg.F("Change it with 'ppptui set {0} ...' or delete it first.", name));
        if (File.Exists(Paths.PeerFile(name)))
            throw new PppTuiException(Msg.F("/etc/ppp/peers/{0} already exists and is not a ppptui profile", name),
                Msg.F("Import it with 'ppptui import {0}', or choose another name.", name));
        return KindRegistry.NewProfile(name, kind);
    }

    /// <summary>Imports peers files as profiles (all when <paramref name="names"/> is empty).</summary>
    public IReadOnlyList<ImportResult> Import(IReadOnlyList<string> names, bool replace = false)
    {
        var wanted = names.Count > 0 ? names : Importer.PeerNames();
        foreach (var name in names)
        {
            var path = Paths.PeerFile(name);
            // A folder where the peers file belongs is there, just not a file: "does not exist" would send the user looking elsewhere.
            if (Directory.Exists(path))
                throw new PppTuiException(Msg.F("/etc/ppp/peers/{0} is a folder, not a peers file", name),
                    Msg.T("See the peers files with 'ppptui list'; move other files out of /etc/ppp/peers."), kind: FailureKind.Invalid);
            if (File.Exists(path) && PeersFileRule.WhyNotPeersFile(path) is { } why)
                throw new PppTuiException(Msg.F("/etc/ppp/peers/{0} is not a peers file: {1}", name, why),
                    Msg.T("See the peers files with 'ppptui list'; move other files out of /etc/ppp/peers."));
        }
        var results = new List<ImportResult>();
        foreach (var name in wanted)
        {
            if (Store.Exists(name) && !replace)
                throw new PppTuiException(Msg.F("a profile named '{0}' already exists", name), Msg.F("Re-import over it with 'ppptui import {0} --replace'.", name));
            var result = Importer.Import(name);
            result = result with { SharesRecordWith = SharingRecord(result.Profile) };
            Store.Save(result.Profile, validate: false);
            Applier.Adopt(Renderer.Plan(result.Profile));
            _log.Information("Imported /etc/ppp/peers/{Name} as a {Kind} profile", name, result.Profile.Kind.Id);
            results.Add(result);
        }
        return results;
    }

    /// <summary>
    /// Deletes a profile, its peers file, its chat script and routes script (with backups), and its
    /// own secrets records only: other lines of the secrets files stay byte for byte.
    /// </summary>
    /// <param name="force">Also remove a secrets record other profiles use (without it, such a
    /// record is kept and listed as kept).</param>
    public DeleteResult Delete(string name, bool keepFiles = false, bool force = false)
    {
        var profile = Store.Load(name);
        var sharing = force ? [] : SharingRecord(profile);
        var removed = new List<string>();
        var kept = new List<string>();
        using (ApplyLock.Acquire(Paths, TimeSpan.FromSeconds(30)))
        {
            if (sharing.Count > 0)
            {
                kept.Add($"the secrets record for {profile.SecretsClient}/{profile.SecretsServer}: {string.Join(", ", sharing)} use it too (--force removes it)");
            }
            else if (profile.SecretsClient is { } user)
            {
                foreach (var (system, full) in Paths.SecretsFiles)
                {
                    var text = TextFile.ReadOrNull(full);
                    if (text is null) continue;
                    var secrets = SecretsFile.Parse(text);
                    if (!secrets.Remove(user, profile.SecretsServer)) continue;
                    Writer.Write(full, secrets.Text, PlannedFile.ModeFor(FileRole.Secrets));
                    removed.Add($"{system}: the record for {user}/{profile.SecretsServer}");
                }
            }
            var ownFiles = new List<string> { SystemPaths.PeerSystemPath(name), SystemPaths.RoutesScriptSystemPath(name), SystemPaths.DownScriptSystemPath(name) };
            ownFiles.AddRange(Kinds.KindRegistry.Get(profile.Kind).OwnFilePaths(profile));
            foreach (var section in Kinds.KindRegistry.Get(profile.Kind).OwnSections(profile))
            {
                var full = Paths.Resolve(section.SystemPath);
                var text = TextFile.ReadOrNull(full);
                if (text is null) continue;
                var without = section.Without(text);
                if (without == text) continue;
                if (keepFiles) { kept.Add(section.SystemPath); continue; }
                Writer.Write(full, without, PlannedFile.ModeFor(FileRole.Options));
                removed.Add(section.SystemPath + ": the section of " + name);
            }
            foreach (var system in ownFiles)
            {
                var full = Paths.Resolve(system);
                if (!File.Exists(full)) continue;
                if (keepFiles) { kept.Add(system); continue; }
                Writer.Delete(full);
                removed.Add(system);
            }
        }
        Store.Delete(name);
        Applier.Forget(name);
        removed.Add("profile " + Store.PathOf(name));
        return new DeleteResult(name, removed, kept);
    }

    /// <summary>
    /// The other profiles whose password is the same secrets record as this one's (same user and
    /// remote name): changing or deleting that record changes theirs too.
    /// </summary>
    public IReadOnlyList<string> SharingRecord(Profile profile)
    {
        if (profile.SecretsClient is null) return [];
        return Store.LoadAll().Profiles
            .Where(p => p.Name != profile.Name && p.SecretsClient == profile.SecretsClient && p.SecretsServer == profile.SecretsServer)
            .Select(p => p.Name)
            .ToList();
    }

    /// <summary>What the profile inherits from other files pppd reads; none while its peers file is not written yet.</summary>
    public IReadOnlyList<InheritedSetting> Inherited(string name) =>
        File.Exists(Paths.PeerFile(name)) ? SharedPppOptions.Inherited(Effective(name), "/etc/ppp/peers/" + name) : [];

    public IReadOnlyList<EffectiveOption> Effective(string name)
    {
        var device = Store.Exists(name) && Store.Load(name) is var profile ? Kinds.KindRegistry.Get(profile.Kind).Device(profile) : null;
        return EffectiveOptions.For(Paths, name, device);
    }
}
