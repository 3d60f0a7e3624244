// Types for the route updater handler, so the TypeScript tests can import it.

export interface NatLaunchEvent {
  readonly source?: string;
  readonly "detail-type"?: string;
  readonly detail?: {
    readonly EC2InstanceId?: string;
    readonly AutoScalingGroupName?: string;
    readonly LifecycleHookName?: string;
    readonly LifecycleActionToken?: string;
    readonly LifecycleTransition?: string;
  };
}

export interface NatRouteUpdateResult {
  readonly instanceId: string;
  readonly routeTableId: string;
  readonly route: "replaced" | "created";
  readonly lifecycle: "completed" | "none";
}

export declare function handler(event: NatLaunchEvent): Promise<NatRouteUpdateResult>;
