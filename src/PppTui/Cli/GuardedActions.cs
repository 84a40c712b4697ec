using System.CommandLine;

namespace PppTui.Cli;

/// <summary>
/// The start every verb's action shares: the context its command line asks for (root, language,
/// JSON), then the work inside a guard that turns an exception into a message and an exit code.
/// </summary>
internal static class GuardedActions
{
    extension(Command command)
    {
        public void SetGuardedAction(CliApp app, Func<ParseResult, CliContext, int> action) =>
            command.SetAction(parse =>
            {
                var ctx = app.ContextFor(parse);
                return CliErrors.Guard(ctx, () => action(parse, ctx));
            });

        /// <param name="guard">The guard around the work; <see cref="CliErrors.GuardAsync"/> unless a verb group maps its own refusals first.</param>
        public void SetGuardedAction(CliApp app, Func<ParseResult, CliContext, CancellationToken, Task<int>> action,
            Func<CliContext, Func<Task<int>>, Task<int>>? guard = null) =>
            command.SetAction((parse, token) =>
            {
                var ctx = app.ContextFor(parse);
                return (guard ?? CliErrors.GuardAsync)(ctx, () => action(parse, ctx, token));
            });
    }
}
