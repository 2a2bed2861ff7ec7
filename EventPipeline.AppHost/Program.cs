using EventPipeline.AppHost;
using EventPipeline.AppHost.Infrastructure;
using EventPipeline.AppHost.Monitoring;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddInfrastructure();
var secrets = builder.AddEventPipelineSecrets();

var api = builder.AddProject<Projects.EventPipeline_Api>("api")
    .WithReplicas(builder.Configuration.GetValue("Api:Replicas", 2))
    .WithReference(infrastructure.Redis).WaitFor(infrastructure.Redis)
    .WithReference(infrastructure.EventsDb).WaitFor(infrastructure.EventsDb)
    .WithSecrets(secrets)
    .WithHttpHealthCheck("/health")
    .WithServedHosts(infrastructure.Mode)
    .TrustingTheGateway()
    .WithApiReferenceLinks();

var gateway = builder.AddPublicGateway(api, infrastructure.Mode);

var loadGen = builder.AddProject<Projects.EventPipeline_LoadGen>("loadgen")
    .WithReference(api).WaitFor(api)
    .WithEnvironment("LoadGen__DemoClientSecret", secrets.DemoClientSecret)
    .WithHttpHealthCheck("/health")
    .WithServedHosts(infrastructure.Mode)
    .WithLoadGenCommands(api, secrets.AdminClientSecret);

var dashboard = builder.AddProject<Projects.EventPipeline_Dashboard>("dashboard")
    .WithOperatorsOwnAddress(builder.Configuration)
    .WithReference(api).WaitFor(api)
    .WithReference(loadGen)
    .WithOpenModeIfAsked(builder.Configuration, secrets.AdminClientSecret)
    .WithHttpHealthCheck("/health")
    .WithServedHosts(infrastructure.Mode);

builder.AddPrometheus(infrastructure.Mode, api, dashboard, loadGen, gateway);

builder.Build().Run();
