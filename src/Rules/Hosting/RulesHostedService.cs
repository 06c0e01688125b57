using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kinerja.Rules.Hosting;

/// <summary>
/// At start: publishes the rules folder as version 1 when the store is empty, then loads the active set.
/// While running: watches the rules folder (not <c>tests/</c>); after a quiet period a saved file that
/// validates is published, one that fails is logged and kept as <see cref="ActiveRuleSet.LastError"/>.
/// </summary>
public sealed class RulesHostedService(RulesService rules, IOptions<RulesOptions> options, ILogger<RulesHostedService> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        await rules.BootstrapAsync(o.RulesPath, o.FileAuthor, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.WatchFolder || !Directory.Exists(o.RulesPath))
        {
            return;
        }
        var changed = new SemaphoreSlim(0);
        var paths = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        using var watcher = new FileSystemWatcher(Path.GetFullPath(o.RulesPath), "*.json")
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size,
        };
        void OnChange(object? _, FileSystemEventArgs e)
        {
            var rel = Path.GetRelativePath(watcher.Path, e.FullPath).Replace('\\', '/');
            // fixtures, and alternative rule files (rules/variants/) that only a deliberate publish makes active
            if (!rel.StartsWith("tests/", StringComparison.OrdinalIgnoreCase)
                && !rel.StartsWith(Loading.RuleFileLoader.VariantsFolder + "/", StringComparison.OrdinalIgnoreCase))
            {
                paths[e.FullPath] = true;
                changed.Release();
            }
        }
        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Renamed += (s, e) => OnChange(s, e);
        watcher.EnableRaisingEvents = true;
        logger.LogInformation("Watching rules folder {Path}", watcher.Path);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changed.WaitAsync(stoppingToken);
                // debounce: editors write several times; wait for quiet
                while (await changed.WaitAsync(o.WatchDebounceMs, stoppingToken))
                {
                }
                var saved = paths.Keys.ToArray();
                foreach (var p in saved)
                {
                    paths.TryRemove(p, out _);
                }
                await rules.PublishFolderAsync(watcher.Path, o.FileAuthor, stoppingToken, saved);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Publishing the rules folder {Path} failed", o.RulesPath);
            }
        }
    }
}
