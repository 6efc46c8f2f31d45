"""Pages of the operations app (điều hành tác nghiệp) under /dieu-hanh/, one block per part."""

from django.urls import path

from eoffice.operations.meetings.urls import urlpatterns as meetings
from eoffice.operations.schedule.urls import urlpatterns as schedule
from eoffice.operations.tasking import views as task_views
from eoffice.operations.tasking.workflow import TASK

app_name = "operations"

urlpatterns = [
    # Nhiệm vụ (tasking/): the list, the create form, the Sổ theo dõi, the task page and its steps.
    path("nhiem-vu/", task_views.task_list, name="task-list"),
    path("nhiem-vu/giao/", task_views.task_new, name="task-create"),
    path("nhiem-vu/so-theo-doi/", task_views.book, name="task-book"),
    path("nhiem-vu/so-theo-doi.xlsx", task_views.book_xlsx, name="task-book-xlsx"),
    path("nhiem-vu/<int:pk>/", task_views.task_detail, name="task-detail"),
    path("nhiem-vu/<int:pk>/tep/<int:file_pk>/", task_views.task_file, name="task-file"),
    *TASK.urls(),
    # Lịch công tác tuần (schedule/): its own list of pages.
    *schedule,
    # Cuộc họp (meetings/): the list, the create form, the meeting page, its papers and steps.
    *meetings,
]
