"""PF360 (ProjectsForce 360) integration: the HTTP client, its typed values, and
the 11 tools of the conversation graph.

Public API:
    PF360Client, build_pf360_client, sandbox_transport     the client
    PF360Error, AmbiguousProjectRef                        errors
    CallerScope, Project, Appointment, ...                 values (app.pf360.schemas)
    tools: list_projects ... list_project_notes,           (app.pf360.tools)
           TOOL_NAMES, WRITE_TOOLS, match_projects
"""

from app.pf360.client import SANDBOX_BASE_URL, PF360Client, build_pf360_client, sandbox_transport
from app.pf360.errors import AmbiguousProjectRef, PF360Error
from app.pf360.projects import match_projects
from app.pf360.schemas import (
    Appointment,
    AvailableDates,
    Booking,
    BusinessDay,
    BusinessHours,
    CallerScope,
    ClientInfo,
    CustomerInfo,
    Dashboard,
    Note,
    Project,
    TimeSlots,
)
from app.pf360.timefmt import from_pf360_time, to_pf360_time
from app.pf360.tools import TOOL_NAMES, WRITE_TOOLS

__all__ = [
    "SANDBOX_BASE_URL",
    "TOOL_NAMES",
    "WRITE_TOOLS",
    "AmbiguousProjectRef",
    "Appointment",
    "AvailableDates",
    "Booking",
    "BusinessDay",
    "BusinessHours",
    "CallerScope",
    "ClientInfo",
    "CustomerInfo",
    "Dashboard",
    "Note",
    "PF360Client",
    "PF360Error",
    "Project",
    "TimeSlots",
    "build_pf360_client",
    "from_pf360_time",
    "match_projects",
    "sandbox_transport",
    "to_pf360_time",
]
