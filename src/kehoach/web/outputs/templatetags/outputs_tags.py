from django import template

register = template.Library()


@register.simple_tag
def task_progress(task):
    """The task's planned outputs against its linked records ("3/4 số — thiếu Quý IV/2026")."""
    from ..services import task_outputs

    if not task.outputs:
        return None
    return task_outputs(task)


@register.filter
def zip_delivered(periods, delivered):
    return zip(periods, delivered)


@register.simple_tag
def plan_progress(plan, user):
    """Progress of the plan's tasks that plan counted outputs, as far as `user` may see them."""
    from kehoach.web.plans.permissions import tasks_for

    from ..services import tasks_outputs

    tasks = tasks_for(user).filter(plan=plan).exclude(outputs=[]).select_related("plan").order_by("position")[:100]
    return tasks_outputs(tasks)
